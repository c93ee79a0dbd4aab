# The backend image: web (gunicorn), worker and beat run from it with different commands.
FROM python:3.13-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PYTHONPATH=/app:/app/backend BRIDGES_VAR_DIR=/app/var
WORKDIR /app
COPY requirements.lock pyproject.toml ./
RUN pip install --no-cache-dir -r requirements.lock
COPY backend backend
COPY matching matching
RUN useradd --create-home bridges && mkdir -p /app/var && chown bridges /app/var
USER bridges
WORKDIR /app/backend
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
