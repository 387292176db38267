import { AppError, invalidField } from "#src/lib/errors.ts";

export const newPasswordVariable = "ROCU_NEW_USER_PASSWORD";

/**
 * The new account's first password: from ROCU_NEW_USER_PASSWORD, typed at a hidden prompt, or the
 * first line piped on stdin. Never a command-line argument, so it stays out of shell history and ps.
 */
export async function readNewPassword(): Promise<string> {
  const fromEnvironment = process.env[newPasswordVariable];
  if (fromEnvironment) return fromEnvironment;
  if (process.stdin.isTTY) {
    const password = await promptHidden("Password for the new user (they must change it at first sign-in): ");
    const again = await promptHidden("Type it again: ");
    if (password !== again) throw invalidField("password", "The two passwords do not match");
    return password;
  }
  const piped = (await readAll(process.stdin)).split(/\r?\n/)[0] ?? "";
  if (!piped) {
    throw invalidField(
      "password",
      `Enter a password: set ${newPasswordVariable} or pipe it on stdin (it is never a command-line argument)`,
    );
  }
  return piped;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

// What was typed after the end of one hidden line belongs to the next prompt.
let typedAhead = "";

/** Reads one line from the terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = () => {
      input.off("data", consume);
      input.setRawMode(false);
      input.pause();
      process.stderr.write("\n");
    };
    const consume = (text: string): boolean => {
      for (let index = 0; index < text.length; index++) {
        const char = text.charAt(index);
        if (char === "\r" || char === "\n") {
          typedAhead = text.slice(index + (char === "\r" && text.charAt(index + 1) === "\n" ? 2 : 1));
          finish();
          resolve(value);
          return true;
        }
        if (char === "\u0003" || char === "\u0004") {
          typedAhead = "";
          finish();
          reject(new AppError("validation", "Cancelled: no user was created"));
          return true;
        }
        if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
        else if (char >= " ") value += char;
      }
      return false;
    };
    process.stderr.write(prompt);
    input.setEncoding("utf8");
    input.setRawMode(true);
    const ahead = typedAhead;
    typedAhead = "";
    if (consume(ahead)) return;
    input.resume();
    input.on("data", consume);
  });
}
