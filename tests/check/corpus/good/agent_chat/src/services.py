import asyncio
import logging

from src.agents.agent import AgentChat
from src.client import client
from src.functions.llm_chat import llm_chat
from src.functions.lookup_sales import lookup_sales


async def main() -> None:
    await client.start_service(agents=[AgentChat], functions=[llm_chat, lookup_sales])


def run_services() -> None:
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        logging.info("Service interrupted by user. Exiting gracefully.")
