//! XML bodies (`application/xml`), shaped by the spec's `xml` objects: element and attribute
//! names, wrapped and unwrapped lists, `x-ms-text`, namespaces and prefixes, root names.
//!
//! Generated models implement [`XmlModel`] with one line per field, naming the field's element
//! (or attribute) and its [`Codec`]: [`Scalar`] for values with a text form (strings, numbers,
//! booleans, enums, dates, base64, ...; `F` is the same [`WireFormat`] the JSON path uses, so
//! both agree on every primitive), [`Model`] for nested models. A body is parsed into an
//! [`Element`] tree, and a tree is written out; quick-xml does the reading and writing (its
//! reader and writer only: a model's JSON form is its serde derive, so XML is kept off it).
//!
//! Reading is lenient as XML services are: unknown elements and attributes are skipped, names
//! match without their prefix, an absent element is `None` and an empty one is `""` for text and
//! `None` for other values.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::{AsWire, Bytes, Error, RawResponse, Request, Response, WireFormat};
use super::{FromHeaders, SendingBody};

/// A body that is not the XML its type needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError(String);

impl XmlError {
    pub fn new(message: impl Into<String>) -> Self {
        XmlError(message.into())
    }
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for XmlError {}

/// An element: its (qualified) name, attributes, child elements and text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    children: Vec<Element>,
    text: String,
}

/// A name without its namespace prefix.
fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

// ----- codecs ----------------------------------------------------------------------------------

/// A generated model's XML form.
pub trait XmlModel: Sized {
    /// This value as an element called `name` (its own root name, or its field's name).
    fn to_xml(&self, name: &str) -> Result<Element, XmlError>;
    /// A value from its element.
    fn from_xml(element: &Element) -> Result<Self, XmlError>;
}

/// How a value of `T` is an element.
pub trait Codec<T> {
    fn write(value: &T, name: &str) -> Result<Element, XmlError>;
    /// `None` for an empty element of a type that has no empty value.
    fn read(element: &Element) -> Result<Option<T>, XmlError>;
}

/// A [`Codec`] whose values are text, so they can be attributes and element text too.
pub trait TextCodec<T>: Codec<T> {
    fn to_text(value: &T) -> Result<String, XmlError>;
    /// `None` for empty text of a type that has no empty value.
    fn from_text(text: &str) -> Result<Option<T>, XmlError>;
}

/// Values with a text form, written as their JSON form in wire format `F` is (a JSON string's
/// content, or a number's or boolean's literal).
#[derive(Debug)]
pub struct Scalar<F = Plain>(PhantomData<F>);

/// Nested generated models.
#[derive(Debug)]
pub struct Model;

/// The type's own serde form (strings, numbers, booleans, enums, UUIDs).
#[derive(Debug)]
pub struct Plain;

impl<T: Serialize + DeserializeOwned> WireFormat<T> for Plain {
    fn serialize<S: serde::Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    fn deserialize<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

impl<T, F: WireFormat<T>> TextCodec<T> for Scalar<F> {
    fn to_text(value: &T) -> Result<String, XmlError> {
        match serde_json::to_value(AsWire::<T, F>::new(value)) {
            Ok(Value::String(text)) => Ok(text),
            Ok(Value::Number(n)) => Ok(n.to_string()),
            Ok(Value::Bool(b)) => Ok(b.to_string()),
            Ok(Value::Null) => Ok(String::new()),
            Ok(other) => Err(XmlError::new(format!("`{other}` has no text form"))),
            Err(e) => Err(XmlError::new(e.to_string())),
        }
    }

    fn from_text(text: &str) -> Result<Option<T>, XmlError> {
        // As a JSON string first (strings, enums, dates, base64); then as a literal (numbers,
        // booleans, integer enums).
        let as_string = F::deserialize(Value::String(text.to_string()));
        let error = match as_string {
            Ok(value) => return Ok(Some(value)),
            Err(e) => e,
        };
        let literal = text.trim();
        if literal.is_empty() {
            return Ok(None);
        }
        match serde_json::from_str::<Value>(literal) {
            Ok(value @ (Value::Number(_) | Value::Bool(_))) => F::deserialize(value)
                .map(Some)
                .map_err(|e| XmlError::new(format!("`{text}`: {e}"))),
            _ => Err(XmlError::new(format!("`{text}`: {error}"))),
        }
    }
}

impl<T, F: WireFormat<T>> Codec<T> for Scalar<F> {
    fn write(value: &T, name: &str) -> Result<Element, XmlError> {
        let mut element = Element::new(name);
        element.text = Self::to_text(value)?;
        Ok(element)
    }

    fn read(element: &Element) -> Result<Option<T>, XmlError> {
        Self::from_text(&element.text).map_err(|e| element.error(e))
    }
}

impl<T: XmlModel> Codec<T> for Model {
    fn write(value: &T, name: &str) -> Result<Element, XmlError> {
        value.to_xml(name)
    }

    fn read(element: &Element) -> Result<Option<T>, XmlError> {
        T::from_xml(element).map(Some)
    }
}

// ----- elements: what generated models call -----------------------------------------------------

impl Element {
    /// An empty element called `name` (`prefix:local` when the spec gives a prefix).
    pub fn new(name: &str) -> Self {
        Element {
            name: name.to_string(),
            ..Default::default()
        }
    }

    /// Declares a namespace (`xmlns` or `xmlns:prefix`).
    pub fn namespace(mut self, prefix: Option<&str>, uri: &str) -> Self {
        let name = prefix.map_or_else(|| "xmlns".to_string(), |p| format!("xmlns:{p}"));
        self.attributes.push((name, uri.to_string()));
        self
    }

    /// The element's name as written.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn error(&self, e: XmlError) -> XmlError {
        XmlError::new(format!("<{}>: {e}", self.name))
    }

    fn children_named<'e>(&'e self, name: &'e str) -> impl Iterator<Item = &'e Element> + 'e {
        let name = local(name);
        self.children.iter().filter(move |c| local(&c.name) == name)
    }

    // writing

    /// Sets an attribute, when there is a value.
    pub fn set_attribute<C: TextCodec<T>, T>(&mut self, name: &str, value: Option<&T>) -> Result<(), XmlError> {
        if let Some(value) = value {
            self.attributes.push((name.to_string(), C::to_text(value)?));
        }
        Ok(())
    }

    /// Sets the element's text (`x-ms-text`), when there is a value.
    pub fn set_text<C: TextCodec<T>, T>(&mut self, value: Option<&T>) -> Result<(), XmlError> {
        if let Some(value) = value {
            self.text = C::to_text(value)?;
        }
        Ok(())
    }

    /// Adds a child element, when there is a value.
    pub fn push<C: Codec<T>, T>(&mut self, name: &str, value: Option<&T>) -> Result<(), XmlError> {
        if let Some(value) = value {
            self.children.push(C::write(value, name)?);
        }
        Ok(())
    }

    /// Adds one child element per item (an unwrapped list).
    pub fn push_list<C: Codec<T>, T>(&mut self, item: &str, values: Option<&[T]>) -> Result<(), XmlError> {
        for value in values.unwrap_or_default() {
            self.children.push(C::write(value, item)?);
        }
        Ok(())
    }

    /// Adds a child element `name` holding one element `item` per item (a wrapped list).
    pub fn push_wrapped<C: Codec<T>, T>(
        &mut self,
        name: &str,
        item: &str,
        values: Option<&[T]>,
    ) -> Result<(), XmlError> {
        if let Some(values) = values {
            let mut wrapper = Element::new(name);
            wrapper.push_list::<C, T>(item, Some(values))?;
            self.children.push(wrapper);
        }
        Ok(())
    }

    /// Adds a child element `name` holding one element per entry, named by its key.
    pub fn push_map<C: Codec<T>, T>(
        &mut self,
        name: &str,
        values: Option<&BTreeMap<String, T>>,
    ) -> Result<(), XmlError> {
        if let Some(values) = values {
            let mut wrapper = Element::new(name);
            for (key, value) in values {
                wrapper.children.push(C::write(value, key)?);
            }
            self.children.push(wrapper);
        }
        Ok(())
    }

    // reading

    /// An attribute's value.
    pub fn attribute<C: TextCodec<T>, T>(&self, name: &str) -> Result<Option<T>, XmlError> {
        let name = local(name);
        match self
            .attributes
            .iter()
            .find(|(n, _)| local(n) == name && !n.starts_with("xmlns"))
        {
            Some((_, text)) => C::from_text(text).map_err(|e| self.error(XmlError::new(format!("@{name}: {e}")))),
            None => Ok(None),
        }
    }

    /// The element's own text (`x-ms-text`).
    pub fn text<C: TextCodec<T>, T>(&self) -> Result<Option<T>, XmlError> {
        C::from_text(&self.text).map_err(|e| self.error(e))
    }

    /// The first child element called `name`.
    pub fn child<C: Codec<T>, T>(&self, name: &str) -> Result<Option<T>, XmlError> {
        match self.children_named(name).next() {
            Some(child) => C::read(child).map_err(|e| self.error(e)),
            None => Ok(None),
        }
    }

    /// Every child element called `item` (an unwrapped list); `None` when there is none.
    pub fn list<C: Codec<T>, T>(&self, item: &str) -> Result<Option<Vec<T>>, XmlError> {
        let mut items = Vec::new();
        for child in self.children_named(item) {
            items.extend(C::read(child).map_err(|e| self.error(e))?);
        }
        Ok((!items.is_empty()).then_some(items))
    }

    /// The items of the child element `name` (a wrapped list): empty when it is empty, `None`
    /// when it is absent.
    pub fn wrapped<C: Codec<T>, T>(&self, name: &str, item: &str) -> Result<Option<Vec<T>>, XmlError> {
        match self.children_named(name).next() {
            Some(wrapper) => Ok(Some(
                wrapper
                    .list::<C, T>(item)
                    .map_err(|e| self.error(e))?
                    .unwrap_or_default(),
            )),
            None => Ok(None),
        }
    }

    /// The entries of the child element `name`, each child an entry named by its element.
    pub fn map<C: Codec<T>, T>(&self, name: &str) -> Result<Option<BTreeMap<String, T>>, XmlError> {
        let Some(wrapper) = self.children_named(name).next() else {
            return Ok(None);
        };
        let mut entries = BTreeMap::new();
        for child in &wrapper.children {
            if let Some(value) = C::read(child).map_err(|e| wrapper.error(e))? {
                entries.insert(local(&child.name).to_string(), value);
            }
        }
        Ok(Some(entries))
    }
}

// ----- documents -------------------------------------------------------------------------------

/// Writes `root` as a document, with an XML declaration.
pub fn to_document(root: &Element) -> Result<Vec<u8>, XmlError> {
    let mut writer = quick_xml::Writer::new(Vec::new());
    let io = |e: std::io::Error| XmlError::new(e.to_string());
    writer
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
        .map_err(io)?;
    write_element(&mut writer, root).map_err(io)?;
    Ok(writer.into_inner())
}

fn write_element(writer: &mut quick_xml::Writer<Vec<u8>>, element: &Element) -> std::io::Result<()> {
    let mut start = BytesStart::new(element.name.as_str());
    for (name, value) in &element.attributes {
        start.push_attribute((name.as_str(), value.as_str()));
    }
    if element.children.is_empty() && element.text.is_empty() {
        return writer.write_event(Event::Empty(start));
    }
    writer.write_event(Event::Start(start))?;
    if !element.text.is_empty() {
        writer.write_event(Event::Text(BytesText::new(&element.text)))?;
    }
    for child in &element.children {
        write_element(writer, child)?;
    }
    writer.write_event(Event::End(BytesEnd::new(element.name.as_str())))
}

/// Elements nest at most this deep in a body (a bound, as for JSON).
const MAX_DEPTH: usize = 128;

/// Parses a document into its root element.
pub fn from_document(bytes: &[u8]) -> Result<Element, XmlError> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let err = |e: &dyn fmt::Display, at: u64| XmlError::new(format!("invalid XML at byte {at}: {e}"));
    let mut stack: Vec<Element> = Vec::new();
    let mut buffer = Vec::new();
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event_into(&mut buffer).map_err(|e| err(&e, at))?;
        match event {
            Event::Start(_) | Event::Empty(_) if stack.len() >= MAX_DEPTH => {
                return Err(XmlError::new(format!(
                    "elements nest more than {MAX_DEPTH} levels deep"
                )));
            }
            Event::Start(start) => stack.push(start_element(&start).map_err(|e| err(&e, at))?),
            Event::Empty(start) => {
                let element = start_element(&start).map_err(|e| err(&e, at))?;
                if let Some(done) = close(&mut stack, element) {
                    return Ok(done);
                }
            }
            Event::End(_) => {
                let element = stack.pop().ok_or_else(|| err(&"an end tag with no start", at))?;
                if let Some(done) = close(&mut stack, element) {
                    return Ok(done);
                }
            }
            Event::Text(text) => {
                if let Some(open) = stack.last_mut() {
                    let text = text.decode().map_err(|e| err(&e, at))?;
                    let text = quick_xml::escape::unescape(&text).map_err(|e| err(&e, at))?;
                    open.text.push_str(&text);
                }
            }
            Event::CData(data) => {
                if let Some(open) = stack.last_mut() {
                    open.text.push_str(&String::from_utf8_lossy(&data));
                }
            }
            Event::GeneralRef(reference) => {
                if let Some(open) = stack.last_mut() {
                    let name = reference.decode().map_err(|e| err(&e, at))?;
                    let entity = format!("&{name};");
                    let text = quick_xml::escape::unescape(&entity).map_err(|e| err(&e, at))?;
                    open.text.push_str(&text);
                }
            }
            Event::Eof => return Err(XmlError::new("the document has no root element, or it is not closed")),
            _ => {}
        }
        buffer.clear();
    }
}

fn start_element(start: &BytesStart<'_>) -> Result<Element, String> {
    let name = std::str::from_utf8(start.name().as_ref())
        .map_err(|e| e.to_string())?
        .to_string();
    let mut element = Element::new(&name);
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| e.to_string())?;
        let key = std::str::from_utf8(attribute.key.as_ref())
            .map_err(|e| e.to_string())?
            .to_string();
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?
            .into_owned();
        element.attributes.push((key, value));
    }
    Ok(element)
}

/// Closes `element`: into its parent, or it is the root.
fn close(stack: &mut [Element], mut element: Element) -> Option<Element> {
    // Whitespace between child elements is layout, not text.
    if !element.children.is_empty() && element.text.trim().is_empty() {
        element.text.clear();
    }
    match stack.last_mut() {
        Some(parent) => {
            parent.children.push(element);
            None
        }
        None => Some(element),
    }
}

/// An XML error body as `E`: the root's attributes and child elements as a JSON object (a child
/// with children of its own is an object too, text is a string), which `E`'s serde form reads.
/// Error models are small records of text (Storage's `Code`, `Message`); a field of another JSON
/// type does not read, and the error stays untyped (its body is kept either way).
pub(crate) fn error_body<E: DeserializeOwned>(body: &[u8]) -> Option<E> {
    fn value(element: &Element) -> Value {
        if element.children.is_empty() && element.attributes.is_empty() {
            return Value::String(element.text.clone());
        }
        let mut object = serde_json::Map::new();
        for (name, text) in element.attributes.iter().filter(|(n, _)| !n.starts_with("xmlns")) {
            object.insert(local(name).to_string(), Value::String(text.clone()));
        }
        for child in &element.children {
            object.insert(local(&child.name).to_string(), value(child));
        }
        Value::Object(object)
    }
    let text = std::str::from_utf8(body).ok()?;
    if !text.trim_start().starts_with('<') {
        return None;
    }
    serde_json::from_value(value(&from_document(body).ok()?)).ok()
}

// ----- bodies ----------------------------------------------------------------------------------

/// The error of a body that is not the XML its type needs, as a decoding error.
fn decode_error(e: XmlError) -> serde_json::Error {
    <serde_json::Error as serde::de::Error>::custom(format!("XML: {e}"))
}

impl Request {
    /// Sets an XML body: `body` as the root element `root`.
    pub fn xml<C: Codec<T>, T, E>(self, content_type: &'static str, body: &T, root: &str) -> Result<Self, Error<E>> {
        let bytes = {
            let _sending = SendingBody::start();
            C::write(body, root).and_then(|root| to_document(&root))
        };
        self.xml_bytes(content_type, bytes)
    }

    /// Sets an XML body that is a list: the root element `root`, one element `item` per item.
    pub fn xml_list<C: Codec<T>, T, E>(
        self,
        content_type: &'static str,
        body: &[T],
        root: &str,
        item: &str,
    ) -> Result<Self, Error<E>> {
        let bytes = {
            let _sending = SendingBody::start();
            let mut element = Element::new(root);
            element
                .push_list::<C, T>(item, Some(body))
                .and_then(|_| to_document(&element))
        };
        self.xml_bytes(content_type, bytes)
    }

    fn xml_bytes<E>(mut self, content_type: &'static str, bytes: Result<Vec<u8>, XmlError>) -> Result<Self, Error<E>> {
        let bytes = bytes
            .map_err(|e| Error::Serialize(<serde_json::Error as serde::ser::Error>::custom(format!("XML: {e}"))))?;
        self.body = Some((std::borrow::Cow::Borrowed(content_type), Bytes::from(bytes)));
        Ok(self)
    }
}

impl RawResponse {
    /// A response whose body is XML: the root element read as `T`.
    pub fn xml<C: Codec<T>, T, H: FromHeaders, E: DeserializeOwned>(
        self,
        expected: &[u16],
    ) -> Result<Response<T, H>, Error<E>> {
        self.xml_with(expected, |root| {
            C::read(&root).and_then(|value| value.ok_or_else(|| XmlError::new(format!("<{}> is empty", root.name))))
        })
    }

    /// A response whose body is an XML list: every element `item` in the root element.
    pub fn xml_list<C: Codec<T>, T, H: FromHeaders, E: DeserializeOwned>(
        self,
        expected: &[u16],
        item: &str,
    ) -> Result<Response<Vec<T>, H>, Error<E>> {
        self.xml_with(expected, |root| Ok(root.list::<C, T>(item)?.unwrap_or_default()))
    }

    fn xml_with<T, H: FromHeaders, E: DeserializeOwned>(
        self,
        expected: &[u16],
        read: impl FnOnce(Element) -> Result<T, XmlError>,
    ) -> Result<Response<T, H>, Error<E>> {
        let typed_headers = self.check(expected)?;
        match from_document(&self.body).and_then(read) {
            Ok(value) => Ok(self.into_response(value, typed_headers)),
            Err(e) => Err(Error::Deserialize {
                status: self.status,
                body: self.body,
                source: decode_error(e),
            }),
        }
    }
}
