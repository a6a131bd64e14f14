from pathlib import Path
from typing import Any, Callable, Union

def run_process(
    *paths: Union[Path, str],
    target: Union[str, Callable[..., Any]],
    recursive: bool = True,
    **kwargs: Any,
) -> int: ...
