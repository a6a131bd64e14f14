import os
from typing import Literal

from openai import OpenAI
from pydantic import BaseModel
from restack_ai.function import NonRetryableError, function, log


class Message(BaseModel):
    role: Literal["system", "user", "assistant"]
    content: str


class LlmChatInput(BaseModel):
    system_content: str | None = None
    model: str | None = None
    messages: list[Message]
    request_id: str = ""


def raise_exception(message: str, error: Exception) -> None:
    log.error(message, error=error)
    raise NonRetryableError(message) from error


@function.defn()
async def llm_chat(function_input: LlmChatInput) -> str:
    try:
        log.info("llm_chat function started", request_id=function_input.request_id)
        if os.environ.get("RESTACK_API_KEY") is None:
            raise_exception("RESTACK_API_KEY is not set", ValueError("missing key"))
        client = OpenAI(base_url="https://ai.restack.io", api_key=os.environ.get("RESTACK_API_KEY"), timeout=60.0)
        if function_input.system_content:
            function_input.messages.insert(0, Message(role="system", content=function_input.system_content))
        response = client.chat.completions.create(
            model=function_input.model or "gpt-4o-mini",
            messages=[m.model_dump() for m in function_input.messages],
        )
    except Exception as e:
        log.error("llm_chat function failed", error=e)
        raise
    else:
        log.info("llm_chat function completed", tokens=response.usage.total_tokens if response.usage else 0)
        return response.choices[0].message.content or ""
