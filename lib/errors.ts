/** An error whose message is safe and useful to show to the user as is. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
    this.name = "UserError";
  }
}

export class NotFoundError extends UserError {
  constructor(message = "Not found") {
    super(message, 404);
    this.name = "NotFoundError";
  }
}

export class ForbiddenError extends UserError {
  constructor(message = "You do not have permission to do that") {
    super(message, 403);
    this.name = "ForbiddenError";
  }
}

export class UnauthorizedError extends UserError {
  constructor(message = "Please sign in") {
    super(message, 401);
    this.name = "UnauthorizedError";
  }
}
