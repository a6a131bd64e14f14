from datetime import timedelta
from typing import Literal

from pydantic import BaseModel
from restack_ai.agent import NonRetryableError, agent, all_events_finished, import_functions, log, uuid

with import_functions():
    from src.functions.llm_chat import LlmChatInput, Message, llm_chat
    from src.functions.lookup_sales import lookup_sales


class MessagesEvent(BaseModel):
    messages: list[Message]


class EndEvent(BaseModel):
    end: bool


def trim_history(messages: list[Message], keep: int = 20) -> list[Message]:
    # Same-module helper called from the agent: deterministic code only.
    return messages[-keep:]


@agent.defn()
class AgentChat:
    def __init__(self) -> None:
        self.end = False
        self.messages: list[Message] = []
        self.status: Literal["idle", "busy"] = "idle"

    @agent.event
    async def messages(self, messages_event: MessagesEvent) -> list[Message]:
        log.info(f"Received messages: {len(messages_event.messages)}")
        self.messages.extend(messages_event.messages)
        self.messages = trim_history(self.messages)
        request_id = str(uuid())
        try:
            assistant_message = await agent.step(
                function=llm_chat,
                function_input=LlmChatInput(messages=self.messages, request_id=request_id),
                start_to_close_timeout=timedelta(seconds=120),
            )
        except Exception as e:
            raise NonRetryableError(f"Error during llm_chat: {e}") from e
        self.messages.append(Message(role="assistant", content=str(assistant_message)))
        sales = await agent.step(function=lookup_sales, start_to_close_timeout=timedelta(seconds=30))
        log.info("sales looked up", count=len(sales))
        return self.messages

    @agent.event
    async def end(self, end: EndEvent) -> EndEvent:
        log.info("Received end")
        self.end = True
        return end

    @agent.run
    async def run(self, function_input: dict) -> None:
        await agent.condition(lambda: self.end and all_events_finished())
        for key in sorted(function_input):
            log.info("input key", key=key)
        await agent.sleep(1)
