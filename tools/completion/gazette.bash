# bash completion for gazette(1); installed as
# share/bash-completion/completions/gazette. tests/test_install.cc checks
# that these lists are the options `gazette help COMMAND` prints.
_gazette() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local commands="build list check fetch help"
  local common="--as-of -j --jobs -q --quiet -h --help"
  local -A opts=(
    [build]="$common --font-dir -o --output-dir -v --verbose --shard --if-changed --send --dry-run --resend --state-dir --wait --offline --record --replay"
    [list]="$common --font-dir --format --header --state-dir --offline --replay"
    [check]="$common --font-dir"
    [fetch]="$common --state-dir --record"
  )
  local cmd="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      build | list | check | fetch | help) cmd=${COMP_WORDS[i]}; break ;;
    esac
  done
  if [[ -z $cmd ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$commands --help --version" -- "$cur")
    return
  fi
  if [[ $cmd == help ]]; then
    mapfile -t COMPREPLY < <(compgen -W "build list check fetch" -- "$cur")
    return
  fi
  case $prev in
    -o | --output-dir | --font-dir | --state-dir | --record | --replay)
      mapfile -t COMPREPLY < <(compgen -d -- "$cur")
      return ;;
    --format)
      mapfile -t COMPREPLY < <(compgen -W "tsv csv json" -- "$cur")
      return ;;
    --as-of | -j | --jobs | --shard)
      return ;;
  esac
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "${opts[$cmd]}" -- "$cur")
  else
    mapfile -t COMPREPLY < <(compgen -f -X '!*.toml' -- "$cur"; compgen -d -- "$cur")
  fi
}
complete -o filenames -F _gazette gazette
