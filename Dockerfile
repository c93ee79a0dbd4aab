# One image for web (gunicorn, which also serves the web app), worker and beat; they differ only in their command.

# The web app, built to static files.
FROM node:20-slim AS frontend
WORKDIR /frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY frontend/ ./
RUN npm run build

FROM python:3.13-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PYTHONPATH=/app:/app/backend BRIDGES_VAR_DIR=/app/var
WORKDIR /app
COPY requirements.lock pyproject.toml ./
RUN pip install --no-cache-dir -r requirements.lock
COPY backend backend
COPY matching matching
COPY --from=frontend /frontend/dist frontend/dist
# Static files (the web app's assets, the admin's, the API docs') are collected into the image, so that every web
# container serves them itself; nothing is shared through a volume. The key here only lets settings load at build.
# The translation catalogues are compiled here (pure Python, no GNU gettext in the image): .mo files are not committed.
RUN cd backend && SECRET_KEY=build-only-not-a-secret python manage.py compile_catalogues \
    && SECRET_KEY=build-only-not-a-secret python manage.py collectstatic --no-input -v 0 \
    && rm -f /app/var/secret_key /app/var/*.sqlite3
RUN useradd --create-home bridges && chown -R bridges /app/var
USER bridges
WORKDIR /app/backend
EXPOSE 8000
# gthread workers and threads from the container's cores, timeouts and keepalive: backend/config/gunicorn.conf.py.
CMD ["gunicorn", "config.wsgi", "--config", "config/gunicorn.conf.py"]
