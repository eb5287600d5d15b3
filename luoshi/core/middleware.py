"""Request metadata for the audit log, and the request id echoed to the client."""

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
