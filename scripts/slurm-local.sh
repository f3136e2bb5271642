#!/usr/bin/env bash
# A real one-node Slurm cluster on this machine, for the tests of the Slurm executor.
#
#   scripts/slurm-local.sh start    install slurm-wlm + munge from Debian when missing, write the
#                                   config, start munged, slurmctld and slurmd (no systemd), wait
#                                   until `sinfo` shows the node idle; a no-op when already up
#   scripts/slurm-local.sh stop     cancel the cluster's jobs, stop exactly the daemons `start`
#                                   started (pids recorded in $DIR/pids) and wait for them to exit
#   scripts/slurm-local.sh status   print whether it is up (exit 0 when up, 1 when not)
#
# Everything lives in DIR=${REPLENS_SLURM_DIR:-/tmp/replens-slurm}: slurm.conf, the munge key and
# socket, slurmctld state, slurmd spool, logs (log/), the pid list. Slurm's state and spool are
# wiped at each start (job ids start again at 1); the logs are kept.
#
# Clients: the daemons read $DIR/slurm.conf. So that a plain `sbatch`/`squeue`/`scontrol`/`scancel`
# works from any shell, `start` also writes Debian's default /etc/slurm/slurm.conf when that file
# is absent or was written by this script (its first line says so), and `stop` removes it again.
# When /etc/slurm/slurm.conf belongs to something else it is left alone and the clients need
# SLURM_CONF=$DIR/slurm.conf (the test helper test/helpers/slurm.ts always sets it).
# Munge: our own munged with our own key, socket $DIR/munge-run/munge.socket.2; slurm.conf points
# Slurm at it (AuthInfo=socket=…), so the system's /run/munge and /etc/munge are not touched.
#
# Needs root (slurmd runs jobs as their user); another user's call re-runs itself through
# passwordless sudo when there is one, and fails with a message otherwise.
# A developer without either can skip the live-scheduler tests with REPLENS_SKIP_SLURM=1.
# Optional: REPLENS_SLURM_MAX_ARRAY_SIZE (default 10001, so indices 0..10000; Slurm's own default
# is 1001, which is what many clusters keep); REPLENS_SLURM_PORT (slurmctld's port, default 6817,
# Slurm's; slurmd's is the next one), for a second cluster in another REPLENS_SLURM_DIR.
set -euo pipefail

DIR="${REPLENS_SLURM_DIR:-/tmp/replens-slurm}"
export PATH="$PATH:/usr/sbin:/sbin"
CONF="$DIR/slurm.conf"
ETC_CONF=/etc/slurm/slurm.conf
MARK="# Written by replens scripts/slurm-local.sh for $DIR; removed by its stop."
PIDS="$DIR/pids"
PORT="${REPLENS_SLURM_PORT:-6817}"
START_TIMEOUT=60
STOP_TIMEOUT=30

if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    exec sudo -n REPLENS_SLURM_DIR="$DIR" REPLENS_SLURM_PORT="${REPLENS_SLURM_PORT:-}" \
      REPLENS_SLURM_MAX_ARRAY_SIZE="${REPLENS_SLURM_MAX_ARRAY_SIZE:-}" "$0" "$@"
  fi
  echo "slurm-local: needs root or passwordless sudo (slurmd runs jobs as their user);" \
    "set REPLENS_SKIP_SLURM=1 to skip the live-scheduler tests" >&2
  exit 1
fi

log() { echo "slurm-local: $*"; }

install_packages() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null &&
    command -v sbatch >/dev/null && command -v munged >/dev/null; then
    return
  fi
  log "installing slurm-wlm and munge (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    slurm-wlm munge >/dev/null
}

# The pid of daemon NAME from $PIDS, or nothing.
recorded_pid() { [ -f "$PIDS" ] && awk -v n="$1" '$1 == n { print $2 }' "$PIDS" || true; }

# Whether PID is alive (not a zombie) and is the program NAME (guards against a reused pid).
is_daemon() {
  local stat
  stat="$(cat "/proc/${2:-none}/stat" 2>/dev/null || true)"
  [[ "$stat" == "$2 ($1) "* && "$stat" != "$2 ($1) Z"* ]]
}

all_alive() {
  local name
  for name in munged slurmctld slurmd; do
    is_daemon "$name" "$(recorded_pid "$name")" || return 1
  done
}

# The node's state as sinfo reports it ("idle", "mixed", "down*", …), or nothing.
node_state() { SLURM_CONF="$CONF" timeout 10 sinfo -h -N -o '%T' 2>/dev/null | head -n1 || true; }

write_conf() {
  local host cpus mem
  host="$(hostname -s)"
  cpus="$(nproc)"
  mem="$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)"
  cat >"$CONF" <<EOF
$MARK
# One node ($host, $cpus CPUs, ${mem} MB), one partition, no accounting daemon.
ClusterName=replens-local
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
# Our munged's socket; cred_expire is also how long a requeued job waits before it may start
# again (Slurm's default, 120 s, would make every requeue test wait two minutes).
AuthInfo=socket=$DIR/munge-run/munge.socket.2,cred_expire=10
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
# No cgroups: processes tracked through /proc, no task binding.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
MailProg=/bin/true
# No slurmdbd: sacct answers "Slurm accounting storage is disabled". The filetxt job-completion
# log records every finished job (state, exit code, ArrayJobId/ArrayTaskId) for debugging only:
# \`sacct -c\` reads it but loses the array task ids, and real clusters do not have it.
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$DIR/log/jobcomp.txt
# Tasks share the node by core; memory is not a consumable resource (not enforced). The main
# scheduling loop every 2 s (Slurm's default: 60 s) starts a requeued job soon after its wait.
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobRequeue=1
# SIGTERM, then SIGKILL 5 s later (scancel, requeue, time limit).
KillWait=5
# Finished jobs stay in squeue -t all / scontrol show job for 300 s (Slurm's default).
MinJobAge=300
# Highest array index is MaxArraySize - 1.
MaxArraySize=${REPLENS_SLURM_MAX_ARRAY_SIZE:-10001}
ReturnToService=2
InactiveLimit=0
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  if [ ! -e "$ETC_CONF" ] || head -n1 "$ETC_CONF" | grep -qF "$MARK"; then
    mkdir -p "$(dirname "$ETC_CONF")"
    cp "$CONF" "$ETC_CONF"
  else
    log "$ETC_CONF belongs to another cluster: clients need SLURM_CONF=$CONF"
  fi
}

# Runs a daemon detached from this shell: no inherited descriptors (a test runner waiting on a
# pipe must not wait for the daemon), its own session, output to the log folder.
spawn_daemon() {
  local out="$DIR/log/$1.out"
  shift
  (
    for fd in /proc/$BASHPID/fd/*; do
      fd="${fd##*/}"
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
    done
    exec setsid "$@" </dev/null >>"$out" 2>&1
  )
}

# Waits (bounded, 10 s) for the pid FILE of a running daemon NAME and records that pid in $PIDS.
record() {
  local name="$1" file="$2" pid="" deadline=$((SECONDS + 10))
  while [ $SECONDS -lt $deadline ]; do
    pid="$(cat "$file" 2>/dev/null || true)"
    if is_daemon "$name" "$pid"; then
      echo "$name $pid" >>"$PIDS"
      return
    fi
    if [ -n "$pid" ] && [ ! -d "/proc/$pid" ]; then break; fi
    sleep 0.1
  done
  failed "$name did not start"
}

# Says why the start failed, with the end of the daemons' logs.
failed() {
  echo "slurm-local: $1; the end of the logs in $DIR/log:" >&2
  tail -n 8 "$DIR/log/"*.log "$DIR/log/"*.out >&2 2>/dev/null || true
  return 1
}

start_munge() {
  mkdir -p "$DIR/munge" "$DIR/munge-run"
  chmod 700 "$DIR/munge"
  chmod 755 "$DIR" "$DIR/munge-run"
  if [ ! -s "$DIR/munge/munge.key" ]; then
    # Our own key: munge authenticates only between this node's daemons and clients.
    head -c 1024 /dev/urandom >"$DIR/munge/munge.key"
    chmod 400 "$DIR/munge/munge.key"
  fi
  rm -f "$DIR/munge-run/"*
  spawn_daemon munged munged --socket="$DIR/munge-run/munge.socket.2" \
    --key-file="$DIR/munge/munge.key" --log-file="$DIR/log/munged.log" \
    --pid-file="$DIR/munge-run/munged.pid" --seed-file="$DIR/munge/munged.seed"
  record munged "$DIR/munge-run/munged.pid"
}

start_slurm() {
  rm -rf "$DIR/state" "$DIR/spool" "$DIR/run"
  mkdir -p "$DIR/state" "$DIR/spool" "$DIR/run"
  spawn_daemon slurmctld slurmctld -f "$CONF"
  record slurmctld "$DIR/run/slurmctld.pid" || return 1
  spawn_daemon slurmd slurmd -f "$CONF"
  record slurmd "$DIR/run/slurmd.pid"
}

wait_idle() {
  local deadline=$((SECONDS + START_TIMEOUT)) state=""
  while [ $SECONDS -lt $deadline ]; do
    all_alive || failed "a daemon exited" || return 1
    state="$(node_state)"
    if [ "$state" = "idle" ]; then return; fi
    sleep 0.5
  done
  SLURM_CONF="$CONF" timeout 10 sinfo -R >&2 || true
  failed "the node is not idle after ${START_TIMEOUT} s (state: ${state:-no answer})"
}

start() {
  local port
  if all_alive && [ -n "$(node_state)" ]; then
    log "already up ($(status_line))"
    return
  fi
  install_packages
  stop_daemons quiet
  for port in "$PORT" $((PORT + 1)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "slurm-local: port $port is in use (another Slurm?); choose others with" \
        "REPLENS_SLURM_PORT" >&2
      return 1
    fi
  done
  mkdir -p "$DIR/log"
  : >"$PIDS"
  write_conf
  if ! start_munge || ! start_slurm || ! wait_idle; then
    stop_daemons quiet
    return 1
  fi
  log "up ($(status_line))"
}

status_line() {
  echo "munged $(recorded_pid munged), slurmctld $(recorded_pid slurmctld)," \
    "slurmd $(recorded_pid slurmd); node $(node_state); SLURM_CONF=$CONF"
}

# Cancels every job of the cluster and waits (bounded) until none is left, so that no job
# script outlives slurmd.
cancel_jobs() {
  local deadline=$((SECONDS + STOP_TIMEOUT))
  SLURM_CONF="$CONF" timeout 10 scancel --quiet --partition=debug 2>/dev/null || true
  while [ $SECONDS -lt $deadline ]; do
    if [ -z "$(SLURM_CONF="$CONF" timeout 10 squeue -h -o %i 2>/dev/null || true)" ]; then
      return
    fi
    sleep 0.5
  done
  log "jobs still listed after ${STOP_TIMEOUT} s; stopping anyway"
}

# The pids of daemon NAME of this cluster: the one recorded in $PIDS and the one in its own pid
# file when that process runs with this cluster's files (a start that failed half-way).
daemon_pids() {
  local name="$1" file pid
  case "$name" in
    munged) file="$DIR/munge-run/munged.pid" ;;
    *) file="$DIR/run/$name.pid" ;;
  esac
  pid="$(cat "$file" 2>/dev/null || true)"
  {
    recorded_pid "$name"
    if is_daemon "$name" "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$DIR/"; then
      echo "$pid"
    fi
  } | sort -u
}

# Stops the daemons of this cluster (slurmd, slurmctld, munged, in that order) and waits for them
# to exit; removes /etc/slurm/slurm.conf when this script wrote it.
stop_daemons() {
  local name pid deadline
  if [ "${1:-}" != quiet ] && all_alive; then cancel_jobs; fi
  for name in slurmd slurmctld munged; do
    for pid in $(daemon_pids "$name"); do
      if ! is_daemon "$name" "$pid"; then continue; fi
      kill -TERM "$pid" 2>/dev/null || true
      deadline=$((SECONDS + STOP_TIMEOUT))
      while is_daemon "$name" "$pid" && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
      if is_daemon "$name" "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
      [ "${1:-}" = quiet ] || log "stopped $name ($pid)"
    done
  done
  rm -f "$PIDS"
  if [ -f "$ETC_CONF" ] && head -n1 "$ETC_CONF" | grep -qF "$MARK"; then rm -f "$ETC_CONF"; fi
}

main() {
  local cmd="${1:-}"
  case "$cmd" in
    start | stop | status) ;;
    *)
      echo "usage: $0 start|stop|status" >&2
      exit 2
      ;;
  esac
  mkdir -p "$DIR"
  # One start/stop at a time (several test files may ask for the cluster at once).
  exec 9>"$DIR/.lock"
  flock -w $((START_TIMEOUT + STOP_TIMEOUT + 60)) 9 || {
    echo "slurm-local: $DIR/.lock is held by another start/stop" >&2
    exit 1
  }
  case "$cmd" in
    start) start ;;
    stop)
      if all_alive; then stop_daemons; else stop_daemons quiet; fi
      log "down"
      ;;
    status)
      if all_alive && [ -n "$(node_state)" ]; then
        log "up ($(status_line))"
      else
        log "down"
        exit 1
      fi
      ;;
  esac
}

main "$@"
