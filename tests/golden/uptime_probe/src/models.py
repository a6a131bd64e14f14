"""Models of uptime-probe: the spec's models and every workflow and function input and output."""

from typing import Any

from pydantic import BaseModel


class UptimeProbeInput(BaseModel):
    """Input of the UptimeProbe workflow."""

    url: str = "https://example.com/health"
    expected_status: int = 200


class UptimeProbeOutput(BaseModel):
    """Output of the UptimeProbe workflow."""

    healthy: bool


class ProbeUrlOutput(BaseModel):
    """Output of the probe_url function."""

    status: Any
    latency_ms: Any


class AlertIfDownInput(BaseModel):
    """Input of the alert_if_down function."""

    status: Any
    latency_ms: Any
    expected: int


class AlertIfDownOutput(BaseModel):
    """Output of the alert_if_down function."""

    healthy: bool


# Derived models that are the same as another model (a function passing data through).
ProbeUrlInput = UptimeProbeInput
