"""The bell: a person's notices, the unread count for HTMX, and marking them read; and the
office's delivery log (what went out to whom, what failed and why), with a retry."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from luoshi.core.decorators import allowed
from luoshi.core.errors import OutOfScope, ServiceError
from luoshi.core.htmx import render_page
from luoshi.core.listing import paginate
from luoshi.core.scope import get_scoped
from luoshi.notify import selectors, services
from luoshi.notify.models import Delivery, DeliveryChannel, DeliveryStatus, Notification


@allowed(Notification.policy, "view")
@require_GET
def notification_list(request):
    listing = paginate(request, selectors.my_notifications(actor=request.user), search_fields=("title", "body"))
    return render_page(request, "notify/notification_list.html", {"listing": listing}, partial="results")


@allowed(Notification.policy, "view")
@require_GET
def unread_badge(request):
    count = selectors.unread_count(actor=request.user)
    return TemplateResponse(request, "notify/_badge.html", {"count": count})


@allowed(Notification.policy, "change")
@require_POST
def notification_open(request, pk: int):
    """Mark a notice read and follow its link (a local path only)."""
    notice = get_scoped(request.user, Notification, pk)
    if notice.recipient_id != request.user.pk:
        return redirect("notify:list")
    services.notification_read(actor=request.user, notification=notice)
    if notice.link and url_has_allowed_host_and_scheme(notice.link, allowed_hosts={request.get_host()}):
        return redirect(notice.link)
    return redirect("notify:list")


@allowed(Notification.policy, "change")
@require_POST
def notification_read_all(request):
    services.notification_read(actor=request.user)
    return redirect("notify:list")


@allowed(Delivery.policy, "view")
@require_GET
def delivery_list(request):
    context = {"listing": selectors.delivery_log(actor=request.user, request=request),
               "channels": DeliveryChannel.choices, "statuses": DeliveryStatus.choices,
               "can_retry": Delivery.policy.allows(request.user, "retry")}
    return render_page(request, "notify/delivery_list.html", context, partial="results")


@allowed(Delivery.policy, "retry")
@require_POST
def delivery_retry(request, pk: int):
    delivery = get_scoped(request.user, Delivery, pk, action="retry")
    try:
        services.delivery_retry(actor=request.user, delivery=delivery)
    except OutOfScope:
        raise
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已重新排队发送，请稍后刷新查看结果"))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                                require_https=request.is_secure()):
        return redirect(back)
    return redirect("notify:delivery_list")
