#!/bin/sh
# Render the nginx configuration from the templates beside this script.
#
#   deploy/nginx/render.sh OUTPUT_DIR
#
# writes OUTPUT_DIR/newsroom.conf (the server block) and, when NEWSROOM_NGINX_PREFIX is set,
# OUTPUT_DIR/nginx.conf (a complete configuration for nginx without root). Only the
# NEWSROOM_* variables are substituted; nginx's own $variables are left alone.
set -eu
here=$(dirname "$0")
out=${1:?usage: render.sh OUTPUT_DIR}
: "${NEWSROOM_LISTEN:?set NEWSROOM_LISTEN (e.g. 80 or 127.0.0.1:8080)}"
: "${NEWSROOM_SERVER_NAME:?set NEWSROOM_SERVER_NAME (e.g. news.example.com)}"
: "${NEWSROOM_UPSTREAM:?set NEWSROOM_UPSTREAM (where gunicorn listens, e.g. 127.0.0.1:8000)}"
: "${NEWSROOM_STATIC_ROOT:?set NEWSROOM_STATIC_ROOT (the DJANGO_STATIC_ROOT collectstatic fills)}"
: "${NEWSROOM_MEDIA_ROOT:?set NEWSROOM_MEDIA_ROOT (the DJANGO_MEDIA_ROOT uploads go to)}"
command -v envsubst >/dev/null || { echo "envsubst is missing: apt-get install gettext-base" >&2; exit 1; }
vars='$NEWSROOM_LISTEN $NEWSROOM_SERVER_NAME $NEWSROOM_UPSTREAM $NEWSROOM_STATIC_ROOT $NEWSROOM_MEDIA_ROOT $NEWSROOM_NGINX_PREFIX'
export NEWSROOM_NGINX_PREFIX="${NEWSROOM_NGINX_PREFIX:-}"
envsubst "$vars" < "$here/newsroom.conf.template" > "$out/newsroom.conf"
if [ -n "$NEWSROOM_NGINX_PREFIX" ]; then
    envsubst "$vars" < "$here/nginx.conf.template" > "$out/nginx.conf"
fi
