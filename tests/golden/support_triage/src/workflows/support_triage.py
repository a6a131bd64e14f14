from datetime import timedelta

from restack_ai.workflow import import_functions, log, workflow

with import_functions():
    from src.functions.classify_ticket import classify_ticket
    from src.functions.draft_reply import draft_reply
    from src.functions.notify_support_agent import notify_support_agent
    from src.functions.pick_support_queue import pick_support_queue
    from src.models import (
        ClassifyTicketInput,
        DraftReplyInput,
        PickSupportQueueInput,
        SupportTriageInput,
        SupportTriageOutput,
    )


@workflow.defn()
class SupportTriage:
    """Classifies a support ticket, drafts a reply and routes it to a queue."""

    @workflow.run
    async def run(self, workflow_input: SupportTriageInput) -> SupportTriageOutput:
        log.info("SupportTriage started")
        log.info("Step classify: classify_ticket")
        classify_result = await workflow.step(
            function=classify_ticket,
            function_input=ClassifyTicketInput(
                subject=workflow_input.subject,
                body=workflow_input.body,
            ),
            start_to_close_timeout=timedelta(minutes=2),
        )
        log.info("Step draft: draft_reply")
        draft_result = await workflow.step(
            function=draft_reply,
            function_input=DraftReplyInput(
                body=workflow_input.body,
                category=classify_result.category,
                customer_tier=workflow_input.customer_tier,
            ),
            start_to_close_timeout=timedelta(minutes=1),
        )
        log.info("Step route: pick_support_queue")
        route_result = await workflow.step(
            function=pick_support_queue,
            function_input=PickSupportQueueInput(
                category=classify_result.category,
                urgency=classify_result.urgency,
                tier=workflow_input.customer_tier,
            ),
            start_to_close_timeout=timedelta(minutes=2),
        )
        log.info("Step notify: notify_support_agent")
        await workflow.step(
            function=notify_support_agent,
            function_input=route_result,
            start_to_close_timeout=timedelta(minutes=2),
        )
        log.info("SupportTriage completed")
        return SupportTriageOutput(
            category=classify_result.category,
            reply=draft_result.reply,
            queue=route_result.queue,
        )
