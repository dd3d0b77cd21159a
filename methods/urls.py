app_name = "methods"

urlpatterns: list = []
