# syntax=docker/dockerfile:1
# Multi-stage: build a wheelhouse, then a slim non-root runtime. One image, two ways to run it:
# polling with SQLite on the /data volume (the default), or a webhook worker on PostgreSQL
# (WEBHOOK_URL and DATABASE_URL set; see compose.yaml's `scale` profile).
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY tgemu ./tgemu
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
# tesseract reads screenshots (the scam check); Noto CJK draws posters and certificates.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-chi-sim fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 \
    DATABASE_URL=sqlite+aiosqlite:////data/antifraud.db \
    CONTENT_DIR=/app/content \
    WEBHOOK_LISTEN=0.0.0.0 WEBHOOK_PORT=8080
RUN useradd --create-home --uid 10001 bot && mkdir /data && chown bot /data
WORKDIR /app
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir --no-index /wheels/* && rm -rf /wheels
COPY alembic.ini ./
COPY alembic ./alembic
COPY content ./content
USER bot
VOLUME ["/data"]
EXPOSE 8080
# Webhook mode: the worker's own /healthz (database reachable). Polling: the database directly.
HEALTHCHECK --interval=30s --timeout=10s --start-period=40s --retries=3 \
  CMD ["antifraud", "health", "--timeout", "5"]
# Migrations at start (workers starting together take turns: an advisory lock on PostgreSQL);
# exec, so `docker stop` (SIGTERM) reaches the bot, which lets in-flight updates finish.
CMD ["sh", "-c", "antifraud db upgrade && exec antifraud run --no-open"]
