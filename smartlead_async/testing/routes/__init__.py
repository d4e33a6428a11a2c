"""Thin handlers of the fake, one module per SDK resource (``resources/<area>.py``), and the
route table that registers them (:data:`~smartlead_async.testing.routes.table.ROUTES`).

:class:`Call` and :data:`Reply` are what a handler takes and returns, for
:meth:`FakeSmartlead.set_handler <smartlead_async.testing.FakeSmartlead.set_handler>`.
"""

from smartlead_async.testing.routes._base import Call, Handler, Reply

__all__ = ["Call", "Handler", "Reply"]
