import os
import time

from openai import AsyncOpenAI
from pydantic import BaseModel
from restack_ai.function import NonRetryableError, function, log


class SummaryInput(BaseModel):
    text: str
    max_tokens: int = 256


@function.defn(name="llm_summary")
async def llm_summary(function_input: SummaryInput) -> str:
    api_key = os.environ.get("OPENAI_API_KEY")
    if not api_key:
        raise NonRetryableError("OPENAI_API_KEY is not set")
    started = time.monotonic()
    client = AsyncOpenAI(api_key=api_key, timeout=60)
    log.info("summarizing", chars=len(function_input.text), max_tokens=function_input.max_tokens,
             api_key_set=bool(api_key))
    response = await client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Summarize: {function_input.text}"}],
        max_tokens=function_input.max_tokens,
    )
    log.info("summary done", seconds=round(time.monotonic() - started, 2),
             total_tokens=response.usage.total_tokens if response.usage else 0)
    return response.choices[0].message.content or ""
