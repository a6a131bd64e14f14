"""The Restack client: a local engine by default, Restack Cloud when RESTACK_ENGINE_API_KEY is set."""
import os

from dotenv import load_dotenv
from restack_ai import Restack
from restack_ai.restack import CloudConnectionOptions

load_dotenv()


def make_client() -> Restack:
    api_key = os.getenv("RESTACK_ENGINE_API_KEY")
    if not api_key:
        return Restack()
    return Restack(
        CloudConnectionOptions(
            engine_id=os.getenv("RESTACK_ENGINE_ID", ""),
            address=os.getenv("RESTACK_ENGINE_ADDRESS", ""),
            api_key=api_key,
            api_address=os.getenv("RESTACK_ENGINE_API_ADDRESS"),
        )
    )


client = make_client()
