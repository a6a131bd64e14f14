from pydantic import BaseModel
from restack_ai.function import NonRetryableError, function, log


class WelcomeInput(BaseModel):
    name: str


@function.defn()
async def welcome(function_input: WelcomeInput) -> str:
    try:
        log.info("welcome function started", name=function_input.name)
        return f"Hello, {function_input.name}!"
    except Exception as e:
        log.error("welcome function failed", error=e)
        raise NonRetryableError(f"Error: {e}") from e
