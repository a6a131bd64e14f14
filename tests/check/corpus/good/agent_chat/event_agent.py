import asyncio
import sys

from restack_ai import Restack


async def main(agent_id: str, run_id: str) -> None:
    client = Restack()
    await client.send_agent_event(
        agent_id=agent_id,
        run_id=run_id,
        event_name="messages",
        event_input={"messages": [{"role": "user", "content": "tell me a joke"}]},
    )
    await client.send_agent_event(agent_id=agent_id, run_id=run_id, event_name="end", event_input={"end": True})


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
