# The layering check, itself checked (ctest -R layering; docs/ARCHITECTURE.md
# "Layering"). For every phase, with the compile command its own sources are
# built with (compile_commands.json), the preprocessor is run on probes:
#   - one header of every phase it does not depend on must NOT be found
#     (e.g. "spec/spec.h" from deliver/): a layering break fails the build;
#   - one header of each phase it may see must be found.
# One preprocessor run per phase checks all of its probes with
# __has_include (the same lookup as #include) and ends on a real #include
# of a forbidden header, which must fail.
# Before that: every folder of src/ must be a declared phase, and the few
# dependencies the architecture fixes whatever the declarations say
# (compose/ sees select/ and layout/, not pdf/ or deliver/) are checked.
# cmake -DGRAPH=<build>/layering_graph.cmake
#       -DCOMPILE_COMMANDS=<build>/compile_commands.json
#       -DSOURCE_DIR=<source> -DWORK_DIR=<folder for the probes> -P layering.cmake
cmake_minimum_required(VERSION 3.20)
include(${GRAPH})  # GAZETTE_MODULES, GAZETTE_PHASES_<name>: what each may see
file(READ ${COMPILE_COMMANDS} commands)
string(JSON count LENGTH "${commands}")
math(EXPR last "${count} - 1")
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

# Every folder of src/ is a phase declared with gazette_module(), so that
# none escapes the probes (a new phase's folder, such as compose/, is probed
# as soon as it is declared, and must be).
file(GLOB folders LIST_DIRECTORIES true RELATIVE ${SOURCE_DIR}/src ${SOURCE_DIR}/src/*)
foreach(folder ${folders})
  if(IS_DIRECTORY ${SOURCE_DIR}/src/${folder} AND NOT folder IN_LIST GAZETTE_MODULES)
    message(FATAL_ERROR "src/${folder}/ is not a phase declared with gazette_module(): its includes are not checked")
  endif()
endforeach()

# What the architecture fixes whatever the declarations say, so that a
# dependency declared by mistake fails here too: "+module:phase" must be
# seen, "-module:phase" must not (the probes below then check that the
# build enforces it). compose/ makes the Digest from what select/ chose,
# for layout/, and knows nothing of PDF, delivery, fetching or the CLI.
set(fixed +compose:select +compose:layout -compose:pdf -compose:deliver -compose:fetch -compose:app)
foreach(rule ${fixed})
  string(REGEX MATCH "^([+-])([a-z]+):([a-z]+)$" matched "${rule}")
  set(module ${CMAKE_MATCH_2})
  set(phase ${CMAKE_MATCH_3})
  if(NOT matched OR NOT module IN_LIST GAZETTE_MODULES OR NOT phase IN_LIST GAZETTE_MODULES)
    message(FATAL_ERROR "${rule}: not two declared phases")
  elseif(CMAKE_MATCH_1 STREQUAL "+" AND NOT phase IN_LIST GAZETTE_PHASES_${module})
    message(FATAL_ERROR "${module}/ must depend on ${phase}/ (docs/ARCHITECTURE.md)")
  elseif(CMAKE_MATCH_1 STREQUAL "-" AND phase IN_LIST GAZETTE_PHASES_${module})
    message(FATAL_ERROR "${module}/ must not depend on ${phase}/ (docs/ARCHITECTURE.md)")
  endif()
endforeach()

# One header of each phase (the first by name).
foreach(phase ${GAZETTE_MODULES})
  file(GLOB headers RELATIVE ${SOURCE_DIR}/src ${SOURCE_DIR}/src/${phase}/*.h)
  list(SORT headers)
  list(GET headers 0 header_${phase})
endforeach()

# The compile command of each module's first source in the database.
foreach(i RANGE ${last})
  string(JSON entry GET "${commands}" ${i})
  string(JSON file GET "${entry}" file)
  # Two ifs: ${CMAKE_MATCH_1} in the same condition as the MATCHES would be
  # the previous entry's (expanded before the match), so a phase of one
  # source following another phase's was skipped.
  if(file MATCHES "/src/([a-z]+)/[^/]+\\.cc$")
    if(NOT DEFINED cmd_${CMAKE_MATCH_1})
      string(JSON cmd_${CMAKE_MATCH_1} GET "${entry}" command)
    endif()
  endif()
endforeach()

set(refused 0)
set(failures "")
foreach(module ${GAZETTE_MODULES})
  if(NOT DEFINED cmd_${module})
    message(FATAL_ERROR "no compile command for a source of src/${module}/ in ${COMPILE_COMMANDS}")
  endif()
  separate_arguments(args UNIX_COMMAND "${cmd_${module}}")
  set(flags "")
  set(skip OFF)
  foreach(arg ${args})
    if(skip)
      set(skip OFF)
    elseif(arg STREQUAL "-o" OR arg STREQUAL "-c")
      set(skip ON)  # the object and the source: the probe replaces them
    else()
      list(APPEND flags "${arg}")
    endif()
  endforeach()

  # One preprocessor run per module. __has_include looks a header up
  # exactly as #include does: every header of the phases the module sees
  # must be found, a header of any other phase must not; then a real
  # #include of one such header must fail with "No such file", as a
  # layering break does in the build.
  # The first forbidden header is only #included, at the end: GCC 12
  # silently skips an #include of a header that __has_include did not find
  # (GCC bug 80753).
  set(forbidden "")
  set(body "")
  foreach(phase ${GAZETTE_MODULES})
    if(phase IN_LIST GAZETTE_PHASES_${module})
      string(APPEND body "#if !__has_include(\"${header_${phase}}\")\n#error \"hidden: ${header_${phase}}\"\n#endif\n")
    else()
      if(forbidden)
        string(APPEND body "#if __has_include(\"${header_${phase}}\")\n#error \"visible: ${header_${phase}}\"\n#endif\n")
      endif()
      list(APPEND forbidden ${header_${phase}})
    endif()
  endforeach()
  list(LENGTH forbidden n_forbidden)
  if(n_forbidden GREATER 0)
    list(GET forbidden 0 include_one)
    string(APPEND body "#include \"${include_one}\"\n")
  endif()
  set(probe ${WORK_DIR}/${module}_probe.cc)
  file(WRITE ${probe} "${body}")
  execute_process(COMMAND ${flags} -E -o ${WORK_DIR}/${module}_probe.i ${probe}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  string(REGEX MATCHALL "hidden: [a-z_/]+\\.h" hidden "${out}")
  string(REGEX MATCHALL "visible: [a-z_/]+\\.h" visible "${out}")
  foreach(h ${hidden})
    string(APPEND failures "${module}/ cannot include the header of a phase it depends on (${h})\n")
  endforeach()
  foreach(v ${visible})
    string(APPEND failures "layering not enforced: ${module}/ can include a header of a phase it does not depend on (${v})\n")
  endforeach()
  if(n_forbidden GREATER 0)
    string(FIND "${out}" "${include_one}" named)
    if(rc EQUAL 0)
      string(APPEND failures "layering not enforced: ${module}/ can #include ${include_one}\n")
    elseif(named EQUAL -1 OR NOT out MATCHES "No such file|not found")
      string(APPEND failures "${module}/ including ${include_one} failed, but not because it was not found:\n${out}\n")
    elseif(NOT hidden AND NOT visible)
      math(EXPR refused "${refused} + ${n_forbidden}")
      if(module STREQUAL "deliver")
        string(STRIP "${out}" out)
        message(STATUS "deliver/ including ${include_one} fails as it should:\n${out}")
      endif()
    endif()
  elseif(NOT rc EQUAL 0)
    string(APPEND failures "${module}/ probe failed:\n${out}\n")
  endif()
endforeach()

if(failures)
  message(FATAL_ERROR "${failures}")
endif()
list(LENGTH GAZETTE_MODULES n)
message(STATUS "layering: ${n} phases, ${refused} includes of undeclared phases refused")
