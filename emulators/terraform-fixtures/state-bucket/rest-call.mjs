// This module's provisioners run `node <module>/rest-call.mjs <verb>`; the work is done by
// ../gcp-rest.mjs. Not `node <module>/../gcp-rest.mjs`: a module called by an absolute
// path is a symlink under .terraform/modules/, and Node (like Terraform's file functions)
// resolves `..` against the link, not its target. An import resolves from the real file.
import "../gcp-rest.mjs";
