# syntax=docker/dockerfile:1
# Multi-stage: a virtual environment built from the lock file (every package pinned and
# hash-checked), then a slim non-root runtime. One image, two ways to run it: polling with SQLite
# on the /data volume (the default), or a webhook worker on PostgreSQL (WEBHOOK_URL and
# DATABASE_URL set; see compose.yaml's `scale` profile). Built and tested by `make image-test`.
# Debian release pinned (bookworm): the system packages below are the ones tested.
FROM python:3.11-slim-bookworm AS build
RUN python -m venv /opt/venv
WORKDIR /src
COPY requirements.lock ./
RUN /opt/venv/bin/pip install --no-cache-dir --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY tgemu ./tgemu
RUN /opt/venv/bin/pip install --no-cache-dir --no-deps . && rm -rf build

FROM python:3.11-slim-bookworm
# tesseract reads screenshots (the scam check); Noto CJK draws posters and certificates.
RUN apt-get -o Acquire::Retries=3 update \
 && apt-get -o Acquire::Retries=3 install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-chi-sim fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 \
    DATABASE_URL=sqlite+aiosqlite:////data/antifraud.db \
    REPORTS_HASH_KEY_PATH=/data/reports-hash.key \
    CONTENT_DIR=/app/content \
    WEBHOOK_LISTEN=0.0.0.0 WEBHOOK_PORT=8080
RUN useradd --create-home --uid 10001 bot && mkdir /data && chown bot /data
# Copied whole from the build stage: no wheel files left behind in a lower layer.
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY alembic.ini ./
COPY alembic ./alembic
COPY content ./content
USER bot
VOLUME ["/data"]
EXPOSE 8080
# Webhook mode: the worker's own /healthz (database reachable). Polling: the database directly.
HEALTHCHECK --interval=30s --timeout=10s --start-period=40s --retries=3 \
  CMD ["antifraud", "health", "--timeout", "5"]
# The bot migrates the database at start (workers starting together take turns: an advisory
# lock on PostgreSQL). Exec form: SIGTERM reaches the bot, which lets in-flight updates finish.
# No token: one error line and exit 2 (no sandbox nobody could reach).
CMD ["antifraud", "run", "--no-sandbox"]
