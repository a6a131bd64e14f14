import httpx
import requests
from openai import OpenAI

from restack_ai.workflow import import_functions, workflow

with import_functions():
    from src.functions.llm import llm_chat


def make_client() -> OpenAI:
    return OpenAI()


@workflow.defn()
class Chat:
    @workflow.run
    async def run(self, prompt: str) -> str:
        client = OpenAI()  # error: RSG106
        r = requests.get("https://example.com", timeout=5)  # error: RSG106
        async with httpx.AsyncClient() as h:  # error: RSG106
            pass
        return await workflow.step(function=llm_chat, function_input=prompt, start_to_close_timeout=timeout)

    def typed(self, client: OpenAI) -> None:
        return None
