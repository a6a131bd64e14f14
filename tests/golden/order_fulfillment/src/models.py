"""Models of order-fulfillment: the spec's models and every workflow and function input and output."""

from typing import Any, Dict, List, Literal

from pydantic import BaseModel, Field


class OrderFulfillmentInput(BaseModel):
    """Input of the OrderFulfillment workflow."""

    order_id: str
    items: List[str] = Field(..., description="SKUs ordered")
    express: bool = False


class OrderFulfillmentOutput(BaseModel):
    """Output of the OrderFulfillment workflow."""

    tracking_number: str
    carrier: str
    status: Literal["shipped", "backordered"]


class ReserveStockInput(BaseModel):
    """Input of the reserve_stock function."""

    order_id: str
    skus: List[str]
    warehouse: str = "main"


class ReserveStockOutput(BaseModel):
    """Output of the reserve_stock function."""

    reservation_id: str
    backordered: List[str]


class ChargePaymentInput(BaseModel):
    """Input of the charge_payment function."""

    order_id: str
    reservation_id: str
    note: str


class ChargePaymentOutput(BaseModel):
    """Output of the charge_payment function."""

    charge_id: str


class CreateShipmentInput(BaseModel):
    """Input of the create_shipment function."""

    order_id: str
    carrier: Literal["ups", "dhl", "fedex"]
    express: bool
    label_format: str
    options: Dict[str, Any]
    attempts: int
    weight_kg: float


class CreateShipmentOutput(BaseModel):
    """Output of the create_shipment function."""

    tracking_number: str
