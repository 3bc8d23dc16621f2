import { EmulatorError } from "./errors";

/**
 * Cloud Storage's JSON API errors: `{error: {code, message, errors: [{domain: "global",
 * reason, message}]}}` without the `status` the newer Google APIs add (an empty status makes
 * EmulatorError leave it out). Messages are the ones GCS answers with, which clients show.
 */
const storageError = (code: number, reason: string, message: string) => new EmulatorError(code, "", reason, message);

export const noSuchObject = (bucket: string, object: string) => storageError(404, "notFound", `No such object: ${bucket}/${object}`);

export const noSuchBucket = () => storageError(404, "notFound", "The specified bucket does not exist.");

export const noSuchUpload = () => storageError(404, "notFound", "No such upload session (it completed, was cancelled or never existed).");

/** What GCS answers when ifGenerationMatch / ifMetagenerationMatch (or their NotMatch forms) do not hold. */
export const preconditionFailed = () =>
  storageError(412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.");

export const bucketNotEmpty = () => storageError(409, "conflict", "The bucket you tried to delete is not empty.");

export const bucketNameTaken = (ownedByCaller: boolean) =>
  storageError(
    409,
    "conflict",
    ownedByCaller
      ? "Your previous request to create the named bucket succeeded and you already own it."
      : "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
  );

export const storageInvalid = (message: string) => storageError(400, "invalid", message);

export const requiredParameter = (name: string) => storageError(400, "required", `Required parameter: ${name}`);

export const uploadTooLarge = () => storageError(413, "uploadTooLarge", "The upload is larger than the GCP emulator accepts in one request.");
