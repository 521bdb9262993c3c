#!/bin/bash
# A Monte Carlo availability study as a Slurm job array (docs/availability.md).
#
# Each array task runs one shard: Slurm sets SLURM_ARRAY_TASK_ID to 0 … 7 (--array=0-7) and
# SLURM_ARRAY_TASK_COUNT to 8; each task writes its partial result to $RESULTS. A second job, started
# when every task has succeeded, merges the parts into the result one process would have given:
#
#   jid=$(sbatch --parsable montecarlo-slurm.sh)
#   sbatch --dependency=afterok:$jid --wrap 'dctwin merge results/part-*.json --json --out results/result.json'
#
# dctwin (Node ≥ 20 and bin/dist/dctwin.mjs) must be on PATH on the compute nodes.
# test/cli/montecarlo-cli.test.ts checks this script's syntax and runs it locally for every task id.
#SBATCH --job-name=dctwin-availability
#SBATCH --array=0-7
#SBATCH --cpus-per-task=2
#SBATCH --mem=1G
#SBATCH --time=01:00:00
#SBATCH --output=dctwin-%A_%a.log
set -euo pipefail

MODEL=${MODEL:-availability-hall}   # a built-in model or a scenario file on shared storage
YEARS=${YEARS:-10000}
RESULTS=${RESULTS:-results}
mkdir -p "$RESULTS"

dctwin montecarlo "$MODEL" --years "$YEARS" --workers "${SLURM_CPUS_PER_TASK:-1}" \
  --shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT" --out "$RESULTS/part-$SLURM_ARRAY_TASK_ID.json"
