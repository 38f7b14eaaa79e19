"""Named examples for tests, one module per app: idempotent, built on the cast.

``example_dossier(cast, "ronse")`` returns the same dossier however often it is
asked for (the authorization matrix asks for one example of every object behind a
route). The examples are built with the apps' factories; new test data that a
single test needs is made with the factories directly.
"""
