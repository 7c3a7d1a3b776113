# Fjord image: every role (serve, signaling, sfu, turn, doctor, keys ...). Build:
#   docker build -t fjord .
# All-in-one:  docker run --network host -v fjord-data:/data fjord serve
# Scale-out:   see deploy/docker-compose.yml and deploy/kubernetes/.
FROM python:3.11-slim-bookworm AS build
# gcc and libsrtp2 headers: pip compiles the native TURN relay and SFU forwarding cores
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev libsrtp2-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY fjord fjord
COPY sfu_control sfu_control
COPY cluster cluster
COPY signaling signaling
COPY sfu sfu
COPY turn turn
COPY keys keys
COPY bench bench
COPY operability operability
COPY recording recording
RUN python -m venv /opt/fjord \
    && /opt/fjord/bin/pip install --no-cache-dir '.[postgresql]' \
    && find /opt/fjord -name '__pycache__' -prune -exec rm -rf {} +

FROM python:3.11-slim-bookworm
# libsrtp2 for the SFU forwarding core (without it the SFU logs one line and uses Python)
RUN apt-get update && apt-get install -y --no-install-recommends libsrtp2-1 \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --home-dir /data fjord \
    && mkdir -p /data && chown fjord /data && chmod 0700 /data
COPY --from=build /opt/fjord /opt/fjord
ENV PATH=/opt/fjord/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    FJORD_DATA_DIR=/data \
    FJORD_LISTEN_IP=0.0.0.0 \
    FJORD_TURN_LISTEN_IP=0.0.0.0 \
    FJORD_LOG_FORMAT=json
USER 10001
VOLUME ["/data"]
# HTTPS+WSS, TURN UDP/TCP, TURN TLS, SFU UDP (worker i: 40000+i), metrics/health of sfu/turn
EXPOSE 8443/tcp 3478/udp 3478/tcp 5349/tcp 40000/udp 9100/tcp
# Signaling roles answer /healthz on HTTPS; sfu and turn on FJORD_METRICS_PORT (plain HTTP).
# A metrics port that refuses the connection falls back to HTTPS: fjord serve and fjord
# signaling open none, FJORD_METRICS_PORT in an env file shared by every role or not.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD ["python", "-c", "import os,ssl,urllib.error as e,urllib.request as u\nm=os.environ.get('FJORD_METRICS_PORT')\nh='https://127.0.0.1:'+os.environ.get('FJORD_HTTPS_PORT','8443')+'/healthz'\nt=lambda:u.urlopen(h,context=ssl._create_unverified_context(),timeout=4)\ntry:\n u.urlopen(f'http://127.0.0.1:{m}/healthz',timeout=4) if m else t()\nexcept e.URLError as x:\n if not m or isinstance(x,e.HTTPError) or not isinstance(x.reason,ConnectionRefusedError): raise\n t()"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["fjord"]
CMD ["serve"]
