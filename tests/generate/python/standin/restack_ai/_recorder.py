"""Event log of the stand-in: one dict per thing that happened, in order."""
import contextvars
import typing
from typing import Any, Dict, List, Optional

events: List[Dict[str, Any]] = []
current_workflow: contextvars.ContextVar[Optional[str]] = contextvars.ContextVar("current_workflow", default=None)


def record(kind: str, **data: Any) -> Dict[str, Any]:
    event = {"kind": kind, "workflow": current_workflow.get(), **data}
    events.append(event)
    return event


def reset() -> None:
    events.clear()


def check_type(value: Any, annotation: Any, what: str) -> None:
    """Fails when VALUE is not an instance of ANNOTATION (a class; other annotations pass)."""
    if annotation is None or annotation is type(None):
        if value is not None:
            raise TypeError(f"{what}: expected None, got {type(value).__name__}")
        return
    if isinstance(annotation, type) and typing.get_origin(annotation) is None:
        if not isinstance(value, annotation):
            raise TypeError(f"{what}: expected {annotation.__name__}, got {type(value).__name__}")
