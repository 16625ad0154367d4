from django.urls import path

from . import views

app_name = "articles"
urlpatterns = [
    path("guide/", views.article_list, name="article_list"),
    path("guide/<slug:slug>/", views.article_detail, name="article"),
    path("exercises/", views.exercise_list, name="exercise_list"),
    path("exercises/<slug:slug>/", views.exercise_detail, name="exercise"),
    path("self-check/", views.self_check, name="self_check"),
    path("self-check/questions/", views.self_check_questions, name="self_check_questions"),
    path("self-check/result/", views.self_check_result, name="self_check_result"),
    path("self-check/week.ics", views.self_check_calendar, name="self_check_calendar"),
    path("self-check/check-in/", views.programme_check_in, name="programme_check_in"),
    path("self-check/week/", views.programme_week, name="programme_week"),
]
