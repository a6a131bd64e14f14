import asyncio

from src.client import client
from src.functions import function as fns
from src.workflows.workflow import EncryptedWorkflow


async def main() -> None:
    await client.start_service(workflows=[EncryptedWorkflow], functions=[fns.welcome])


def run_services() -> None:
    asyncio.run(main())
