from django.urls import path

from comptoir.messaging import views, views_website

app_name = "messaging"

urlpatterns = [
    path("shop/<id:shop_id>/messages/", views.shop_inbox, name="shop_inbox"),
    path("shop/<id:shop_id>/messages/bulk/", views.shop_bulk, name="shop_bulk"),
    path("shop/<id:shop_id>/messages/inquiries/", views.inquiries, name="inquiries"),
    path("shop/<id:shop_id>/messages/labels/", views.labels_page, name="labels"),
    path(
        "shop/<id:shop_id>/messages/saved-replies/",
        views.saved_replies_page,
        name="saved_replies",
    ),
    path("shop/<id:shop_id>/settings/website/", views_website.website, name="website"),
    path(
        "shop/<id:shop_id>/messages/<id:conversation_id>/",
        views.shop_thread,
        name="shop_thread",
    ),
    path(
        "shop/<id:shop_id>/messages/<id:conversation_id>/action/",
        views.shop_thread_action,
        name="shop_thread_action",
    ),
    path(
        "shop/<id:shop_id>/messages/<id:conversation_id>/notes/",
        views.note_add,
        name="note_add",
    ),
    path("messages/", views.buyer_inbox, name="buyer_inbox"),
    path("messages/new/", views.start, name="start"),
    path("messages/bulk/", views.buyer_bulk, name="buyer_bulk"),
    path("messages/<id:conversation_id>/", views.buyer_thread, name="buyer_thread"),
    path(
        "messages/<id:conversation_id>/action/",
        views.buyer_thread_action,
        name="buyer_thread_action",
    ),
    path("shops/<slug:slug>/contact/", views.contact, name="contact"),
]
