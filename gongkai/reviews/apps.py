from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "gongkai.reviews"
    label = "reviews"
    verbose_name = "投诉举报、行政复议和行政诉讼"
