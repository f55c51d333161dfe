// ActionRequestValidationException: an action request's own validate() failed (ValidateActions.addValidationError
// numbers each error: "Validation Failed: 1: <error>;").
import { type EsError, type JavaClass, otherApiError } from './error-envelope.js';

const ACTION_REQUEST_VALIDATION: JavaClass = {
  name: 'org.elasticsearch.action.ActionRequestValidationException',
  elasticsearch: true,
};

/** A request that failed its one validation check. */
export function validationFailed(error: string): EsError {
  return otherApiError(
    400,
    'action_request_validation_exception',
    ACTION_REQUEST_VALIDATION,
    `Validation Failed: 1: ${error};`,
  );
}
