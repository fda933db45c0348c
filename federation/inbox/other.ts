// Everything we do not handle: acknowledged (202 by Fedify) and logged at debug level.
import { getTypeId, type Activity } from "@fedify/vocab";
import { inboxLogger, type FedInboxContext } from "../context.ts";

export async function onOtherActivity(_ctx: FedInboxContext, activity: Activity): Promise<void> {
  inboxLogger.debug("Ignored {type} {id} from {actor}", {
    type: getTypeId(activity).href,
    id: activity.id?.href,
    actor: activity.actorId?.href,
  });
}
