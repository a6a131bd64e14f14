from restack_ai.function import function, log


@function.defn()
async def welcome(function_input: str) -> str:
    log.info("welcome function started", name=function_input)
    return f"Hello, {function_input}!"
