# The web image: gunicorn serving sesam (static files by whitenoise).
FROM python:3.13-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY sesam sesam
COPY inventory inventory
COPY recipients recipients
COPY orders orders
COPY activities activities
COPY billing billing
COPY logreview logreview
COPY safety safety
COPY patients patients
COPY templates templates
COPY static static
COPY manage.py ./
RUN pip install --no-cache-dir . \
    && DJANGO_SECRET_KEY=build DJANGO_DEBUG=false python manage.py collectstatic --noinput -v 0
USER nobody
EXPOSE 8000
CMD ["gunicorn", "sesam.wsgi", "--bind", "0.0.0.0:8000", "--workers", "4", "--access-logfile", "-"]
