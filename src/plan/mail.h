// How a spec's [email] reaches its server: the SMTP set-up that the spec and
// the environment give (TLS, login, where each secret comes from), settled
// when the run is planned, and what `gazette check` says about it.
#pragma once

#include <string>
#include <vector>

#include "base/diag.h"
#include "deliver/sender.h"
#include "plan/world.h"
#include "spec/spec.h"

namespace gz {

// The MailPlan (deliver/sender.h) of e. Throws Failure at the spec's position when the settings do
// not fit together (exit 2: auth = "plain" without a password, a password over tls = "if-available"
// to a remote server, ...) or the credentials file cannot be read (exit 1).
MailPlan plan_mail(const EmailSpec& e, const std::string& spec_file, const World& world);

// What `gazette check` prints: server, port, TLS, login and where the
// secret comes from. Never the secret.
std::string describe_mail(const MailPlan& plan);

}  // namespace gz
