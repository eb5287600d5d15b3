"""Request metadata for the audit log, and the request id echoed to the client."""

from django.utils.translation import gettext as _

from luoshi.core.context import meta_from_request, reset_meta, set_meta


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = meta_from_request(request)
        request.request_id = meta.request_id
        token = set_meta(meta)
        try:
            response = self.get_response(request)
        finally:
            reset_meta(token)
        response["X-Request-ID"] = meta.request_id
        return response


class ServiceErrorMiddleware:
    """A service's refusal reaching a page becomes the right status, never a 500:
    out of scope → 404, not allowed → 403 (audited), conflict → 409, bad input → 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.http import Http404
        from django.template.response import TemplateResponse

        from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError

        if isinstance(exception, OutOfScope):
            raise Http404(exception.message)
        if isinstance(exception, NotAllowed):
            from luoshi.core.decorators import deny

            deny(request, exception.message)
        if isinstance(exception, ServiceError):
            response = TemplateResponse(request, "error.html", {"message": exception.message, "status": exception.status},
                                        status=exception.status)
            return response.render()
        return None


class ContentSecurityPolicyMiddleware:
    """Every answer carries the Content-Security-Policy (LUOSHI_CSP): scripts only from this site's own
    files (the vendored assets need nothing else, and no page has an inline script or handler: see
    static/luoshi/site.js), nothing loaded from another host, no framing."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.policy = settings.LUOSHI_CSP

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response


class RejectNulMiddleware:
    """A NUL byte in a parameter is never legitimate and PostgreSQL cannot store or compare it:
    answer 400 in Chinese before any view sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get("QUERY_STRING", "") or (
            request.method == "POST" and _has_nul(request)
        ):
            from django.http import HttpResponseBadRequest

            from luoshi.core.errors import api_error, is_api

            if is_api(request):
                return api_error(400, _("请求中包含非法字符（NUL）。"))
            return HttpResponseBadRequest(_("请求中包含非法字符（NUL）。").encode(), content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _has_nul(request) -> bool:
    content_type = request.META.get("CONTENT_TYPE", "")
    if not content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return False
    try:
        return any("\x00" in value for values in request.POST.lists() for value in values[1])
    except Exception:  # an unreadable body is the view's 400, not ours
        return False


KEEP_MESSAGES = "X-Luoshi-Keep-Messages"


class KeepMessagesMiddleware:
    """The field app sends a form by fetch (static/luoshi/offline.js), which follows the page's redirect itself
    and then opens that address: the page fetched on the way must leave the messages ("进展已上报") for the page
    the user sees. Fetch keeps the header on the redirected request; this runs before the messages are dropped."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        storage = getattr(request, "_messages", None)
        if storage is not None and request.method == "GET" and request.headers.get(KEEP_MESSAGES):
            storage.used = False
        return response
