# The app as a container: one Streamlit server process per container; run several behind nginx with
# compose.yaml (sticky sessions). Build: docker build -t vngov .   Run: docker run -p 8501:8501 vngov
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 --user-group --shell /usr/sbin/nologin app
WORKDIR /app

# runtime dependencies only (requirements-dev.txt is for the build scripts and the tests)
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

# the app, its bundled data and boundaries, and the served config (.streamlit/config.toml: XSRF protection,
# upload limit, static serving, no error details); static/ -> geo/ as in the repository
COPY .streamlit/config.toml .streamlit/config.toml
COPY app.py ./
COPY vngov vngov
COPY pages pages
COPY data data
COPY geo geo
RUN ln -s geo static

# the app writes nothing at run time: the code and data stay owned by root, read-only for the app user
USER 10001:10001
EXPOSE 8501
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
CMD ["streamlit", "run", "app.py", "--server.port=8501", "--server.address=0.0.0.0"]
