from django.urls import path

from comptoir.standards import mailbox_views, outbox_views, views

app_name = "standards"

urlpatterns = [
    path("staff/standards/", views.queue, name="queue"),
    path("staff/standards/evaluate/", views.evaluate, name="evaluate"),
    path("staff/standards/evaluations/", views.evaluations, name="evaluations"),
    path("staff/standards/shops/<id:shop_id>/", views.shop_file, name="shop"),
    path("staff/standards/shops/<id:shop_id>/actions/", views.action_take, name="action_take"),
    path("staff/standards/actions/<id:action_id>/lift/", views.action_lift, name="action_lift"),
    path("staff/standards/flags/<id:flag_id>/dismiss/", views.flag_dismiss, name="flag_dismiss"),
    path(
        "staff/standards/shops/<id:shop_id>/reviews/<id:review_id>/remove-reply/",
        views.review_reply_remove,
        name="review_reply_remove",
    ),
    path("staff/standards/settings/", views.settings_page, name="settings"),
    path("staff/standards/audit/", views.audit, name="audit"),
    path("staff/standards/audit.csv", views.audit_csv, name="audit_csv"),
    path("staff/outbox/", outbox_views.outbox, name="outbox"),
    path("staff/outbox/<id:email_id>/retry/", outbox_views.outbox_retry, name="outbox_retry"),
    path("staff/mail/", mailbox_views.mailbox, name="mailbox"),
    path("staff/mail/<str:mail_id>/", mailbox_views.mail, name="mail"),
    path("staff/mail/<str:mail_id>/html/", mailbox_views.mail_html, name="mail_html"),
    path("staff/threads/<id:conversation_id>/", views.thread, name="thread"),
    path("shop/<id:shop_id>/standards/", views.seller_page, name="seller"),
]
