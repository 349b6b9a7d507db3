"""Messaging's writes, one module per thing a seller or buyer does.

* `drafts`: what a person typed, checked (`compose`);
* `starting`, `marketing`, `contact_form`: a new thread and its first message;
* `replying`: a message in a thread; `held`: Trust & Safety release a held message;
* `posting`: writing a message (insert, then deliver); `delivery`: `deliver`, the one
  place where a message reaches the other side (preview, folders, counters, e-mails,
  listeners, live update);
* `idempotency`: a retried request sends once.
"""
