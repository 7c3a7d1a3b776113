# Fjord all-in-one image. Build: docker build -t fjord .
# Run:   docker run --network host -v fjord-data:/data fjord
FROM python:3.11-slim-bookworm AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY fjord fjord
COPY signaling signaling
COPY sfu sfu
COPY turn turn
COPY keys keys
COPY bench bench
RUN python -m venv /opt/fjord && /opt/fjord/bin/pip install --no-cache-dir .

FROM python:3.11-slim-bookworm
RUN useradd --system --uid 10001 --home-dir /data fjord \
    && mkdir -p /data && chown fjord /data && chmod 0700 /data
COPY --from=build /opt/fjord /opt/fjord
ENV PATH=/opt/fjord/bin:$PATH \
    FJORD_DATA_DIR=/data \
    FJORD_LISTEN_IP=0.0.0.0 \
    FJORD_TURN_LISTEN_IP=0.0.0.0
USER fjord
VOLUME ["/data"]
# HTTPS+WSS, TURN UDP/TCP, TURN TLS, SFU UDP
EXPOSE 8443/tcp 3478/udp 3478/tcp 5349/tcp 40000/udp
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import ssl,urllib.request;urllib.request.urlopen('https://127.0.0.1:8443/healthz',context=ssl._create_unverified_context(),timeout=4)"
ENTRYPOINT ["fjord"]
CMD ["serve"]
