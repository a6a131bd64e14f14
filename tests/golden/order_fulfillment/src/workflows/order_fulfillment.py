from datetime import timedelta

from restack_ai.workflow import RetryPolicy, import_functions, log, workflow

with import_functions():
    from src.functions.charge_payment import charge_payment
    from src.functions.create_shipment import create_shipment
    from src.functions.reserve_stock import reserve_stock
    from src.models import (
        ChargePaymentInput,
        CreateShipmentInput,
        OrderFulfillmentInput,
        OrderFulfillmentOutput,
        ReserveStockInput,
    )


@workflow.defn()
class OrderFulfillment:
    """Reserves stock, charges the customer and ships the order."""

    @workflow.run
    async def run(
        self,
        workflow_input: OrderFulfillmentInput,
    ) -> OrderFulfillmentOutput:
        log.info("OrderFulfillment started")
        log.info("Step reserve: reserve_stock")
        reserve_result = await workflow.step(
            function=reserve_stock,
            function_input=ReserveStockInput(
                order_id=workflow_input.order_id,
                skus=workflow_input.items,
            ),
            start_to_close_timeout=timedelta(seconds=20),
            retry_policy=RetryPolicy(
                initial_interval=timedelta(seconds=1),
                backoff_coefficient=1.5,
                maximum_interval=timedelta(seconds=30),
                maximum_attempts=4,
            ),
            task_queue="orders",
        )
        log.info("Step charge: charge_payment")
        await workflow.step(
            function=charge_payment,
            function_input=ChargePaymentInput(
                order_id=workflow_input.order_id,
                reservation_id=reserve_result.reservation_id,
                note="input.order_id",
            ),
            start_to_close_timeout=timedelta(seconds=90),
            retry_policy=RetryPolicy(
                initial_interval=timedelta(seconds=1),
                backoff_coefficient=1.5,
                maximum_interval=timedelta(seconds=30),
                maximum_attempts=2,
                non_retryable_error_types=["CardDeclined", "FraudSuspected"],
            ),
            task_queue="payments",
        )
        log.info("Step settle: sleep 1m")
        await workflow.sleep(60)
        log.info("Step ship: create_shipment")
        ship_result = await workflow.step(
            function=create_shipment,
            function_input=CreateShipmentInput(
                order_id=workflow_input.order_id,
                carrier="dhl",
                express=workflow_input.express,
                label_format="pdf",
                options={"insured": True, "signature": False},
                attempts=3,
                weight_kg=2.0,
            ),
            start_to_close_timeout=timedelta(seconds=45),
            retry_policy=RetryPolicy(
                initial_interval=timedelta(seconds=1),
                backoff_coefficient=1.5,
                maximum_interval=timedelta(seconds=30),
                maximum_attempts=4,
            ),
            task_queue="orders",
        )
        log.info("OrderFulfillment completed")
        return OrderFulfillmentOutput(
            tracking_number=ship_result.tracking_number,
            carrier="dhl",
            status="shipped",
        )
