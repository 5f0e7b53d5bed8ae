/* The story editor's library photo: a block that stores

     <figure data-photo-id="12"><figcaption>This story's caption</figcaption></figure>

   (all the server keeps of a figure: articles/sanitize.py). The "Insert photo" button
   opens the photo library's chooser in a window; the chooser posts the chosen photo back
   ({type: "photos:chosen", photo}), and the photo goes where the cursor is, with the
   library's caption to start from. In the editor the photo shows its preview, caption,
   credit and whether it still needs alt text; "Edit caption" changes this story's
   caption. The page draws the photo from the library with its renditions.

   Loaded by django-prose-editor's configurable preset (articles.admin.widgets). */
import { Node, crel, gettext, updateAttrsDialog } from "django-prose-editor/editor"

const known = new Map()

function chosenData(url, id) {
  const address = url.replace(/\/0\/$/, `/${encodeURIComponent(id)}/`)
  if (!known.has(address)) {
    known.set(
      address,
      fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : null))
        .catch(() => null),
    )
  }
  return known.get(address)
}

function chooseThen(chooserUrl, insert) {
  const chooser = window.open(chooserUrl, "news-photo-chooser", "width=980,height=760")
  if (!chooser) return
  const listen = (event) => {
    if (event.origin !== window.location.origin || event.source !== chooser) return
    if (!event.data || event.data.type !== "photos:chosen") return
    window.removeEventListener("message", listen)
    insert(event.data.photo)
  }
  window.addEventListener("message", listen)
}

function editCaption(editor, getPos, node) {
  updateAttrsDialog(
    { caption: { type: "string", format: "textarea", title: gettext("Caption") } },
    { title: gettext("Caption for this story"), submitText: gettext("Update") },
  )(editor, { caption: node.attrs.caption }).then((attrs) => {
    if (!attrs) return
    const position = getPos()
    if (typeof position !== "number") return
    editor
      .chain()
      .command(({ tr }) => {
        tr.setNodeMarkup(position, undefined, { ...node.attrs, caption: attrs.caption.trim() })
        return true
      })
      .run()
  })
}

export const NewsPhoto = Node.create({
  name: "newsPhoto",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { chooserUrl: "", chosenUrl: "" }
  },

  addAttributes() {
    return {
      photoId: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-photo-id"),
        renderHTML: (attributes) => ({ "data-photo-id": attributes.photoId }),
      },
      caption: {
        default: "",
        parseHTML: (element) =>
          (element.querySelector("figcaption")?.textContent || "").trim(),
        renderHTML: () => ({}),
      },
    }
  },

  parseHTML() {
    return [{ tag: "figure[data-photo-id]" }]
  },

  renderHTML({ node, HTMLAttributes }) {
    if (!node.attrs.caption) return ["figure", HTMLAttributes]
    return ["figure", HTMLAttributes, ["figcaption", {}, node.attrs.caption]]
  },

  addCommands() {
    return {
      insertNewsPhoto:
        (attributes) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: attributes }),
    }
  },

  addMenuItems({ buttons, menu }) {
    const { chooserUrl } = this.options
    menu.defineItem({
      name: "newsPhoto",
      groups: "nodes",
      button: buttons.material("add_photo_alternate", gettext("Insert photo")),
      command(editor) {
        chooseThen(chooserUrl, (photo) => {
          editor
            .chain()
            .focus()
            .insertNewsPhoto({ photoId: String(photo.id), caption: photo.caption || "" })
            .run()
        })
      },
      enabled: (editor) => editor.can().insertNewsPhoto({ photoId: "0" }),
    })
  },

  addNodeView() {
    const { chosenUrl } = this.options
    return ({ node: initial, editor, getPos }) => {
      let node = initial
      const image = crel("img", { alt: "", className: "news-photo__image" })
      const caption = crel("span", { className: "news-photo__caption" })
      const credit = crel("span", { className: "news-photo__credit" })
      const warning = crel("span", { className: "news-photo__warning", hidden: true })
      const edit = crel("button", {
        type: "button",
        className: "news-photo__edit",
        textContent: gettext("Edit caption"),
      })
      const dom = crel("figure", { className: "news-photo" }, [
        image,
        crel("figcaption", {}, [caption, " ", credit, " ", warning, " ", edit]),
      ])
      edit.addEventListener("click", (event) => {
        event.preventDefault()
        editCaption(editor, getPos, node)
      })

      const draw = () => {
        const id = node.attrs.photoId
        dom.dataset.photoId = id
        caption.textContent = node.attrs.caption || gettext("(no caption)")
        chosenData(chosenUrl, id).then((photo) => {
          if (node.attrs.photoId !== id) return
          if (!photo) {
            image.removeAttribute("src")
            credit.textContent = ""
            warning.hidden = false
            warning.textContent = gettext("This photo is no longer in the library.")
            return
          }
          image.src = photo.preview.url
          image.width = photo.preview.width
          image.height = photo.preview.height
          credit.textContent = photo.credit ? `(${photo.credit})` : ""
          warning.hidden = photo.accessible
          warning.textContent = gettext("No alt text yet: add it in the photo library.")
        })
      }
      draw()

      return {
        dom,
        update(updated) {
          if (updated.type.name !== "newsPhoto") return false
          node = updated
          draw()
          return true
        },
        stopEvent: (event) => edit.contains(event.target),
        ignoreMutation: () => true,
      }
    }
  },
})
