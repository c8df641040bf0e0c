# The nianbao API and scheduler image (docker-compose.yml runs it twice).
FROM python:3.11-slim

# Extraction needs LibreOffice (DOC/WPS -> DOCX), poppler's pdftotext (PDFs without a ToUnicode
# map) and a CJK font; the browser of the UI tests is not needed to serve, so Chromium is left out.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils fonts-wqy-microhei \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# the whole project (.dockerignore leaves out .venv, data, caches): the packages, and models/
# whose trained tagger the extractor loads from the working directory when it exists
COPY . .
# Every version is pinned by constraints.txt; torch comes from its CPU-only index (no CUDA wheels).
RUN pip install --no-cache-dir --extra-index-url https://download.pytorch.org/whl/cpu -c constraints.txt .

ENV NIANBAO_DATA=/data
VOLUME /data
EXPOSE 8000
CMD ["nianbao", "serve", "--host", "0.0.0.0"]
