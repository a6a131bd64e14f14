"""An in-process stand-in for the restack_ai SDK, for restack-gen's tests.

Workflows run as plain coroutines: `workflow.step` calls the function directly, sleeps are
recorded instead of waited, child workflows run inline, `import_functions` does nothing.
Everything that happens is appended to `restack_ai._recorder.events`, so a test can check the
order of steps, which ran together, and what each received. It follows the call shapes in
../shared/restack-sdk.md and checks them: wrong keyword names fail as they would with the SDK.
"""
from restack_ai.restack import Restack

STANDIN = True

__all__ = ["Restack", "STANDIN"]
