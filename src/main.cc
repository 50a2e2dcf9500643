// The gazette command: everything lives in the core library (app/).
#include "app/cli.h"

int main(int argc, char** argv) { return gz::run_cli(argc, argv); }
