"""A real OpenID provider for the tests: a small Django project on django-oauth-toolkit.

It plays the marketplace: its users are the marketplace's people (`sub` = username, the
marketplace id Comptoir keeps as `external_id`), it serves discovery, authorization (with
its own login form), token, userinfo and JWKS endpoints, and it requires PKCE. `harness`
starts it in its own process; `serve` is what that process runs.
"""
