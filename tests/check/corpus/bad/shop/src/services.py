import asyncio

from restack_ai import Restack

from src.functions.charge import charge
from src.workflows.order import OrderWorkflow


async def main() -> None:
    client = Restack()
    await client.start_service(workflows=[OrderWorkflow], functions=[charge])


if __name__ == "__main__":
    asyncio.run(main())
