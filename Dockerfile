# syntax=docker/dockerfile:1
# Multi-stage: build a wheelhouse, then a slim non-root runtime with the SQLite file on a volume.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 \
    DATABASE_URL=sqlite+aiosqlite:////data/antifraud.db \
    CONTENT_DIR=/app/content
RUN useradd --create-home --uid 10001 bot && mkdir /data && chown bot /data
WORKDIR /app
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels
COPY alembic.ini ./
COPY alembic ./alembic
COPY content ./content
USER bot
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import bot.config" || exit 1
# Migrations run at start, then the bot polls Telegram (TELEGRAM_BOT_TOKEN is required).
CMD ["sh", "-c", "antifraud db upgrade && antifraud run"]
